#include "output_file.hpp"

#include "progress.hpp"

#include <azcore/rest/http_response.hpp>
#include <azcore/resumable_body.hpp>

#include <fmt/core.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <unistd.h>

namespace azrest {
namespace {
constexpr std::size_t chunk_size = 256 * 1024;

/// The open file; removed unless kept.
class PartialFile {
public:
    explicit PartialFile(std::string path) : path_(std::move(path)), file_(std::fopen(path_.c_str(), "wb")) {
        if (!file_) throw std::runtime_error(fmt::format("cannot write '{}': {}", path_, std::strerror(errno)));
    }
    ~PartialFile() {
        if (file_) std::fclose(file_);
        if (!kept_) std::filesystem::remove(path_, ignored_);
    }
    PartialFile(const PartialFile&) = delete;
    PartialFile& operator=(const PartialFile&) = delete;
    void write(azcore::BytesView chunk) {
        if (std::fwrite(chunk.data(), 1, chunk.size(), file_) != chunk.size()) fail();
    }
    void keep() {
        const int closed = std::fclose(file_);
        file_ = nullptr;
        if (closed != 0) fail();
        kept_ = true;
    }

private:
    [[noreturn]] void fail() { throw std::runtime_error(fmt::format("cannot write '{}': {}", path_, std::strerror(errno))); }
    std::string path_;
    std::FILE* file_;
    bool kept_ = false;
    std::error_code ignored_;
};
}  // namespace

std::size_t save_body(const azcore::PipelineClient& client, std::shared_ptr<azcore::rest::HttpResponse> response,
                      azcore::SendRequestOptions send_options, const std::string& path) {
    PartialFile file(path);
    const azcore::ResumableBodyOptions options{.chunk_size = chunk_size, .send_options = std::move(send_options)};
    azcore::ResumableBody body(client, std::move(response), options);
    Progress progress(stderr, ::isatty(STDERR_FILENO) == 1, body.content_length());
    try {
        int resumes = 0;
        progress.update(0);
        while (auto chunk = body.next()) {
            if (body.resumes() != resumes) {
                resumes = body.resumes();
                progress.resumed(body.bytes_read() - chunk->size(), resumes, options.max_resumes);
            }
            file.write(*chunk);
            progress.update(body.bytes_read());
        }
        file.keep();
        progress.finish(body.bytes_read());
        return body.bytes_read();
    } catch (...) {
        progress.abandon();
        throw;
    }
}

}  // namespace azrest
