#include <azcore/rest/body_stream.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace azcore::rest {

// ---- BodyStream ---------------------------------------------------------------------------------

std::optional<std::uint64_t> BodyStream::length() const { return std::nullopt; }

bool BodyStream::seekable() const { return false; }

std::uint64_t BodyStream::tell() const {
    throw std::logic_error("BodyStream::tell: this body stream is not seekable");
}

void BodyStream::seek(std::uint64_t /*position*/) {
    throw std::logic_error("BodyStream::seek: this body stream is not seekable");
}

// ---- BytesStream --------------------------------------------------------------------------------

BytesStream::BytesStream(Bytes data) : data_(std::move(data)) {}

std::size_t BytesStream::read(std::span<std::uint8_t> buffer) {
    const std::size_t count = std::min(buffer.size(), data_.size() - position_);
    std::copy_n(data_.data() + position_, count, buffer.data());
    position_ += count;
    return count;
}

std::optional<std::uint64_t> BytesStream::length() const { return data_.size() - position_; }

void BytesStream::seek(std::uint64_t position) {
    if (position > data_.size()) {
        throw std::invalid_argument("BytesStream::seek: position " + std::to_string(position) +
                                    " is past the end (" + std::to_string(data_.size()) + " bytes)");
    }
    position_ = static_cast<std::size_t>(position);
}

// ---- FileStream ---------------------------------------------------------------------------------

FileStream::FileStream(std::string path) : path_(std::move(path)) {
    do {
        fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    } while (fd_ < 0 && errno == EINTR);
    if (fd_ < 0) {
        const int error = errno;
        throw std::invalid_argument("FileStream: path '" + path_ + "' can't be opened: " + std::strerror(error));
    }
    struct stat info {};
    if (::fstat(fd_, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd_);
        fd_ = -1;
        throw std::invalid_argument("FileStream: path '" + path_ + "' is not a regular file");
    }
    size_ = static_cast<std::uint64_t>(info.st_size);
}

FileStream::~FileStream() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

std::size_t FileStream::read(std::span<std::uint8_t> buffer) {
    // Never past the size announced by length(): the body must match its Content-Length.
    const auto wanted = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), size_ - position_));
    if (wanted == 0) {
        return 0;
    }
    for (;;) {
        const ssize_t count = ::pread(fd_, buffer.data(), wanted, static_cast<off_t>(position_));
        if (count >= 0) {
            position_ += static_cast<std::uint64_t>(count);
            return static_cast<std::size_t>(count);
        }
        if (errno != EINTR) {
            throw std::system_error(errno, std::generic_category(), "FileStream: reading '" + path_ + "'");
        }
    }
}

std::optional<std::uint64_t> FileStream::length() const { return size_ - position_; }

void FileStream::seek(std::uint64_t position) {
    if (position > size_) {
        throw std::invalid_argument("FileStream::seek: position " + std::to_string(position) +
                                    " is past the end of '" + path_ + "' (" + std::to_string(size_) + " bytes)");
    }
    position_ = position;
}

// ---- GeneratorStream ----------------------------------------------------------------------------

GeneratorStream::GeneratorStream(std::function<std::optional<Bytes>()> next, std::optional<std::uint64_t> length)
    : next_(std::move(next)), length_(length) {
    if (!next_) {
        throw std::invalid_argument("GeneratorStream: next must be a callable");
    }
}

std::size_t GeneratorStream::read(std::span<std::uint8_t> buffer) {
    if (buffer.empty()) {
        return 0;
    }
    while (chunk_position_ == chunk_.size()) {
        if (finished_) {
            return 0;
        }
        std::optional<Bytes> chunk = next_();
        if (!chunk) {
            finished_ = true;
            chunk_.clear();
            chunk_position_ = 0;
            return 0;
        }
        chunk_ = std::move(*chunk);
        chunk_position_ = 0;
    }
    const std::size_t count = std::min(buffer.size(), chunk_.size() - chunk_position_);
    std::copy_n(chunk_.data() + chunk_position_, count, buffer.data());
    chunk_position_ += count;
    consumed_ += count;
    return count;
}

std::optional<std::uint64_t> GeneratorStream::length() const {
    if (!length_) {
        return std::nullopt;
    }
    return *length_ > consumed_ ? *length_ - consumed_ : 0;
}

}  // namespace azcore::rest
