// The public names Doxygen's own warnings miss, read from its XML output: a class, struct, union
// or namespace of azcore, not private, without a doc comment whose body holds nothing Doxygen warns about (an
// exception class that only inherits its base's constructors is never reported by Doxygen 1.9),
// and an AZCORE_* macro without one (macros live in files, which Doxygen does not ask to document).
// Usage: check_api_reference <doxygen xml dir>. Prints "file:line: <kind> <name> is not documented."
// for each and exits 1 when there is any.
#include <pugixml.hpp>

#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>

namespace {

bool has_doc(const pugi::xml_node& node) {
    // Doxygen writes an empty description as whitespace only, which pugixml drops.
    return node.child("briefdescription").first_child() || node.child("detaileddescription").first_child();
}

void report(const pugi::xml_node& node, std::string_view kind, std::string_view name) {
    auto location = node.child("location");
    std::cout << location.attribute("file").value() << ':' << location.attribute("line").value() << ": " << kind << ' '
              << name << " is not documented.\n";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: check_api_reference <doxygen xml dir>\n";
        return 2;
    }
    const std::filesystem::path xml_dir = argv[1];
    pugi::xml_document index;
    if (auto loaded = index.load_file((xml_dir / "index.xml").c_str()); !loaded) {
        std::cerr << "check_api_reference: cannot read " << (xml_dir / "index.xml").string() << ": "
                  << loaded.description() << '\n';
        return 2;
    }
    int missing = 0;
    for (auto compound : index.child("doxygenindex").children("compound")) {
        const std::string_view kind = compound.attribute("kind").value();
        const std::string_view name = compound.child_value("name");
        const bool scope = kind == "class" || kind == "struct" || kind == "union" || kind == "namespace";
        if (!(scope && name.starts_with("azcore")) && kind != "file") continue;
        pugi::xml_document doc;
        const auto file = xml_dir / (std::string(compound.attribute("refid").value()) + ".xml");
        if (auto loaded = doc.load_file(file.c_str()); !loaded) {
            std::cerr << "check_api_reference: cannot read " << file.string() << ": " << loaded.description() << '\n';
            return 2;
        }
        auto def = doc.child("doxygen").child("compounddef");
        if (scope) {
            // A private nested class is not public (Doxygen lists it, EXTRACT_PRIVATE or not).
            const std::string_view protection = def.attribute("prot").value();
            if (!has_doc(def) && (protection.empty() || protection == "public")) {
                report(def, kind, name);
                ++missing;
            }
            continue;
        }
        for (auto section : def.children("sectiondef")) {
            for (auto member : section.children("memberdef")) {
                const std::string_view member_name = member.child_value("name");
                if (std::string_view(member.attribute("kind").value()) == "define" && member_name.starts_with("AZCORE_") &&
                    !has_doc(member)) {
                    report(member, "macro", member_name);
                    ++missing;
                }
            }
        }
    }
    return missing == 0 ? 0 : 1;
}
