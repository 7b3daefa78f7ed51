#pragma once
// Request bodies read in order: BodyStream and its in-memory, file and generator forms.
#include <azcore/bytes.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>

namespace azcore::rest {

/// A request body read in order (Python's file-like or iterable `content`).
/// Seekable streams can be rewound, so the retry policy can send them again.
class BodyStream {
public:
    virtual ~BodyStream() = default;
    /// Reads up to buffer.size() bytes into buffer; returns 0 only at the end of the stream.
    virtual std::size_t read(std::span<std::uint8_t> buffer) = 0;
    /// The number of bytes left to read, when known.
    virtual std::optional<std::uint64_t> length() const;
    /// True when tell() and seek() work; false by default.
    virtual bool seekable() const;
    /// The current position; std::logic_error when the stream is not seekable.
    virtual std::uint64_t tell() const;
    /// Moves to position; std::logic_error when the stream is not seekable.
    virtual void seek(std::uint64_t position);
};

/// Bytes held in memory; seekable, length known.
class BytesStream final : public BodyStream {
public:
    /// A stream over data, at its start.
    explicit BytesStream(Bytes data);
    std::size_t read(std::span<std::uint8_t> buffer) override;
    std::optional<std::uint64_t> length() const override;
    bool seekable() const override { return true; }
    std::uint64_t tell() const override { return position_; }
    /// std::invalid_argument when position is past the end.
    void seek(std::uint64_t position) override;
    /// All of the bytes, whatever the position.
    const Bytes& data() const noexcept { return data_; }

private:
    Bytes data_;
    std::size_t position_ = 0;
};

/// A regular file read from disk as it is sent; seekable, length known (its size when opened).
/// Files larger than memory are fine: nothing is loaded ahead.
class FileStream final : public BodyStream {
public:
    /// Opens path for reading; std::invalid_argument naming the path when it can't be opened
    /// (missing, unreadable) or is not a regular file.
    explicit FileStream(std::string path);
    ~FileStream() override;
    /// Not copyable: it owns the open file.
    ///@{
    FileStream(const FileStream&) = delete;
    FileStream& operator=(const FileStream&) = delete;
    ///@}

    /// Reads the next bytes; std::system_error on an I/O error.
    std::size_t read(std::span<std::uint8_t> buffer) override;
    std::optional<std::uint64_t> length() const override;
    bool seekable() const override { return true; }
    std::uint64_t tell() const override { return position_; }
    /// std::invalid_argument when position is past the end of the file.
    void seek(std::uint64_t position) override;
    /// The file's path.
    const std::string& path() const noexcept { return path_; }

private:
    std::string path_;
    int fd_ = -1;
    std::uint64_t size_ = 0;
    std::uint64_t position_ = 0;
};

/// Chunks produced on demand by a function (Python's iterable content); not seekable.
/// next() returns the next chunk, or nullopt at the end; it is not called again after that.
class GeneratorStream final : public BodyStream {
public:
    /// Chunks from next; length, when given, is announced as the body's length (Content-Length).
    explicit GeneratorStream(std::function<std::optional<Bytes>()> next, std::optional<std::uint64_t> length = {});
    std::size_t read(std::span<std::uint8_t> buffer) override;
    /// The announced length less what was read, when a length was given.
    std::optional<std::uint64_t> length() const override;

private:
    std::function<std::optional<Bytes>()> next_;
    std::optional<std::uint64_t> length_;
    std::uint64_t consumed_ = 0;
    Bytes chunk_;
    std::size_t chunk_position_ = 0;
    bool finished_ = false;
};

}  // namespace azcore::rest
