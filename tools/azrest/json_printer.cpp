#include "json_printer.hpp"

#include <boost/json/serialize.hpp>

#include <cstdlib>
#include <unistd.h>

namespace azrest {

namespace {

constexpr const char* key_colour = "\x1b[1;34m";
constexpr const char* string_colour = "\x1b[32m";
constexpr const char* number_colour = "\x1b[36m";
constexpr const char* literal_colour = "\x1b[33m";
constexpr const char* reset = "\x1b[0m";

class Printer {
public:
    explicit Printer(bool colour) : colour_(colour) {}

    void print(const boost::json::value& value, int depth) {
        switch (value.kind()) {
        case boost::json::kind::object: return print_object(value.get_object(), depth);
        case boost::json::kind::array: return print_array(value.get_array(), depth);
        case boost::json::kind::string: return painted(string_colour, boost::json::serialize(value));
        case boost::json::kind::bool_:
        case boost::json::kind::null: return painted(literal_colour, boost::json::serialize(value));
        default: return painted(number_colour, boost::json::serialize(value));
        }
    }

    std::string take() { return std::move(out_); }

private:
    void print_object(const boost::json::object& object, int depth) {
        if (object.empty()) {
            out_ += "{}";
            return;
        }
        out_ += "{\n";
        bool first = true;
        for (const auto& member : object) {
            if (!first) out_ += ",\n";
            first = false;
            indent(depth + 1);
            painted(key_colour, boost::json::serialize(member.key()));
            out_ += ": ";
            print(member.value(), depth + 1);
        }
        out_ += '\n';
        indent(depth);
        out_ += '}';
    }

    void print_array(const boost::json::array& array, int depth) {
        if (array.empty()) {
            out_ += "[]";
            return;
        }
        out_ += "[\n";
        for (std::size_t i = 0; i < array.size(); ++i) {
            if (i != 0) out_ += ",\n";
            indent(depth + 1);
            print(array[i], depth + 1);
        }
        out_ += '\n';
        indent(depth);
        out_ += ']';
    }

    void painted(const char* colour, const std::string& text) {
        if (colour_) out_ += colour;
        out_ += text;
        if (colour_) out_ += reset;
    }

    void indent(int depth) { out_.append(static_cast<std::size_t>(depth) * 2, ' '); }

    bool colour_;
    std::string out_;
};

}  // namespace

std::string pretty_json(const boost::json::value& value, bool colour) {
    Printer printer(colour);
    printer.print(value, 0);
    return printer.take();
}

bool use_colour(int fd) {
    const char* no_colour = std::getenv("NO_COLOR");
    return isatty(fd) != 0 && (no_colour == nullptr || *no_colour == '\0');
}

}  // namespace azrest
