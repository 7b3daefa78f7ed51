#include "rest/multipart_form.hpp"

#include "rest/request_validation.hpp"

#include <algorithm>
#include <array>
#include <random>
#include <stdexcept>
#include <string_view>

namespace azcore::rest::detail {

namespace {

// A body made of in-memory pieces and file streams, read one after the other.
class MultipartStream final : public BodyStream {
public:
    struct Segment {
        Bytes bytes;                               // used when stream is null
        std::shared_ptr<BodyStream> stream;
        std::uint64_t stream_start = 0;            // the stream's tell() when the body was built
        std::optional<std::uint64_t> length;       // bytes of this segment, when known
        std::uint64_t offset = 0;                  // where it starts in the body (seekable bodies)
    };

    explicit MultipartStream(std::vector<Segment> segments) : segments_(std::move(segments)) {
        seekable_ = true;
        std::uint64_t total = 0;
        bool known = true;
        for (auto& segment : segments_) {
            if (segment.stream) {
                segment.length = segment.stream->length();
                if (segment.stream->seekable() && segment.length) {
                    segment.stream_start = segment.stream->tell();
                } else {
                    seekable_ = false;
                }
            } else {
                segment.length = segment.bytes.size();
            }
            segment.offset = total;
            if (segment.length) {
                total += *segment.length;
            } else {
                known = false;
            }
        }
        if (known) {
            total_ = total;
        }
    }

    std::size_t read(std::span<std::uint8_t> buffer) override {
        if (buffer.empty()) {
            return 0;
        }
        while (index_ < segments_.size()) {
            Segment& segment = segments_[index_];
            if (!segment.stream) {
                const std::size_t count =
                    std::min<std::size_t>(buffer.size(), segment.bytes.size() - static_cast<std::size_t>(within_));
                if (count == 0) {
                    next_segment();
                    continue;
                }
                std::copy_n(segment.bytes.data() + within_, count, buffer.data());
                return consumed(count);
            }
            if (!positioned_) {
                if (seekable_) {
                    segment.stream->seek(segment.stream_start + within_);
                }
                positioned_ = true;
            }
            std::size_t wanted = buffer.size();
            if (segment.length) {
                wanted = static_cast<std::size_t>(std::min<std::uint64_t>(wanted, *segment.length - within_));
            }
            const std::size_t count = wanted == 0 ? 0 : segment.stream->read(buffer.first(wanted));
            if (count == 0) {
                next_segment();
                continue;
            }
            return consumed(count);
        }
        return 0;
    }

    std::optional<std::uint64_t> length() const override {
        if (!total_) {
            return std::nullopt;
        }
        return *total_ - std::min(*total_, position_);
    }

    bool seekable() const override { return seekable_; }

    std::uint64_t tell() const override {
        if (!seekable_) {
            return BodyStream::tell();
        }
        return position_;
    }

    void seek(std::uint64_t position) override {
        if (!seekable_) {
            BodyStream::seek(position);
            return;
        }
        if (position > *total_) {
            throw std::invalid_argument("multipart body seek: position " + std::to_string(position) +
                                        " is past the end (" + std::to_string(*total_) + " bytes)");
        }
        index_ = segments_.size();
        within_ = 0;
        for (std::size_t i = 0; i < segments_.size(); ++i) {
            const Segment& segment = segments_[i];
            if (position < segment.offset + *segment.length) {
                index_ = i;
                within_ = position - segment.offset;
                break;
            }
        }
        positioned_ = false;
        position_ = position;
    }

private:
    std::size_t consumed(std::size_t count) {
        within_ += count;
        position_ += count;
        return count;
    }
    void next_segment() {
        ++index_;
        within_ = 0;
        positioned_ = false;
    }

    std::vector<Segment> segments_;
    std::optional<std::uint64_t> total_;
    bool seekable_ = true;
    std::size_t index_ = 0;
    std::uint64_t within_ = 0;      // bytes of the current segment already read
    std::uint64_t position_ = 0;    // bytes of the body already read
    bool positioned_ = false;       // the current stream segment was sought to its place
};

// urllib3's format_multipart_header_param: name="value" with \n, \r and " percent-encoded.
void append_header_param(std::string& out, std::string_view name, std::string_view value) {
    out.append("; ").append(name).append("=\"");
    for (char c : value) {
        switch (c) {
            case '\n': out.append("%0A"); break;
            case '\r': out.append("%0D"); break;
            case '"': out.append("%22"); break;
            default: out.push_back(c);
        }
    }
    out.push_back('"');
}

void append_text(Bytes& out, std::string_view text) { out.insert(out.end(), text.begin(), text.end()); }

}  // namespace

std::string random_multipart_boundary() {
    static constexpr char hex[] = "0123456789abcdef";
    thread_local std::mt19937_64 engine{[] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
        return std::mt19937_64(seed);
    }()};
    std::string boundary(32, '0');
    for (std::size_t i = 0; i < boundary.size(); i += 16) {
        std::uint64_t bits = engine();
        for (std::size_t j = 0; j < 16; ++j, bits >>= 4) {
            boundary[i + j] = hex[bits & 0x0f];
        }
    }
    return boundary;
}

MultipartForm build_multipart_form(const std::vector<std::pair<std::string, ParamValue>>& data,
                                   const std::vector<std::pair<std::string, FileContent>>& files,
                                   const std::string& boundary) {
    std::vector<MultipartStream::Segment> segments(1);
    const auto text = [&](std::string_view piece) { append_text(segments.back().bytes, piece); };
    const auto part_start = [&](const std::string& name, const std::string* filename, const std::string* content_type) {
        std::string head = "--" + boundary + "\r\nContent-Disposition: form-data";
        append_header_param(head, "name", name);
        if (filename != nullptr && !filename->empty()) {
            append_header_param(head, "filename", *filename);
        }
        head.append("\r\n");
        if (content_type != nullptr && !content_type->empty()) {
            // A part's headers are inside the body, where the transport's check cannot see them.
            try {
                validate_header("Content-Type", *content_type);
            } catch (const std::invalid_argument& error) {
                throw std::invalid_argument(std::string("files: a part's ") + error.what());
            }
            head.append("Content-Type: ").append(*content_type).append("\r\n");
        }
        head.append("\r\n");
        text(head);
    };

    for (const auto& entry : data) {
        const std::string& name = entry.first;
        const ParamValue& value = entry.second;
        const auto field = [&](const std::string& item) {
            part_start(name, nullptr, nullptr);
            text(item);
            text("\r\n");
        };
        if (const auto* single = std::get_if<std::string>(&value)) {
            if (!single->empty()) {
                field(*single);
            }
        } else {
            for (const auto& item : std::get<std::vector<std::string>>(value)) {
                field(item);
            }
        }
    }
    bool streamed = false;
    for (const auto& [name, file] : files) {
        part_start(name, &file.filename, &file.content_type);
        if (const auto* bytes = std::get_if<Bytes>(&file.content)) {
            auto& out = segments.back().bytes;
            out.insert(out.end(), bytes->begin(), bytes->end());
        } else {
            const auto& stream = std::get<std::shared_ptr<BodyStream>>(file.content);
            if (!stream) {
                throw std::invalid_argument("HttpRequest: files['" + name + "'] has a null stream");
            }
            MultipartStream::Segment segment;
            segment.stream = stream;
            segments.push_back(std::move(segment));
            segments.emplace_back();
            streamed = true;
        }
        text("\r\n");
    }
    text("--" + boundary + "--\r\n");

    MultipartForm form;
    form.content_type = "multipart/form-data; boundary=" + boundary;
    if (!streamed) {
        form.length = segments.front().bytes.size();
        form.content = std::make_shared<const Bytes>(std::move(segments.front().bytes));
        return form;
    }
    auto stream = std::make_shared<MultipartStream>(std::move(segments));
    form.length = stream->length();
    form.content = std::shared_ptr<BodyStream>(std::move(stream));
    return form;
}

}  // namespace azcore::rest::detail
