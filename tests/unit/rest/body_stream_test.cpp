#include <azcore/rest/body_stream.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace {

using azcore::Bytes;
using azcore::rest::BodyStream;
using azcore::rest::BytesStream;
using azcore::rest::FileStream;
using azcore::rest::GeneratorStream;

// Reads the whole stream in reads of at most chunk bytes.
std::string read_all(BodyStream& stream, std::size_t chunk = 3) {
    std::string result;
    std::vector<std::uint8_t> buffer(chunk);
    while (const std::size_t count = stream.read(buffer)) {
        result.append(reinterpret_cast<const char*>(buffer.data()), count);
    }
    return result;
}

class TempFile {
public:
    explicit TempFile(const std::string& contents) {
        path_ = (std::filesystem::temp_directory_path() /
                 ("azcore_body_stream_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++)))
                    .string();
        std::ofstream(path_, std::ios::binary) << contents;
    }
    ~TempFile() { std::filesystem::remove(path_); }
    const std::string& path() const { return path_; }

private:
    static inline int counter_ = 0;
    std::string path_;
};

// A stream that only implements read(): the base class defaults apply.
class MinimalStream : public BodyStream {
public:
    std::size_t read(std::span<std::uint8_t>) override { return 0; }
};

TEST(BodyStream, DefaultsToNotSeekableWithUnknownLength) {
    MinimalStream stream;
    EXPECT_FALSE(stream.seekable());
    EXPECT_EQ(stream.length(), std::nullopt);
}

TEST(BodyStream, TellAndSeekOfANonSeekableStreamThrowLogicErrorNamingTheOperation) {
    MinimalStream stream;
    try {
        (void)stream.tell();
        FAIL() << "tell() did not throw";
    } catch (const std::logic_error& error) {
        EXPECT_NE(std::string(error.what()).find("tell"), std::string::npos) << error.what();
    }
    try {
        stream.seek(0);
        FAIL() << "seek() did not throw";
    } catch (const std::logic_error& error) {
        EXPECT_NE(std::string(error.what()).find("seek"), std::string::npos) << error.what();
    }
}

TEST(BytesStream, ReadsItsBytesInOrderThenReturnsZero) {
    BytesStream stream(azcore::to_bytes("hello world"));
    EXPECT_TRUE(stream.seekable());
    EXPECT_EQ(stream.length(), 11u);
    EXPECT_EQ(read_all(stream), "hello world");
    EXPECT_EQ(stream.length(), 0u);
    std::array<std::uint8_t, 4> buffer{};
    EXPECT_EQ(stream.read(buffer), 0u);
}

TEST(BytesStream, LengthIsWhatIsLeftAndSeekRewinds) {
    BytesStream stream(azcore::to_bytes("abcdef"));
    std::array<std::uint8_t, 4> buffer{};
    EXPECT_EQ(stream.read(buffer), 4u);
    EXPECT_EQ(stream.tell(), 4u);
    EXPECT_EQ(stream.length(), 2u);
    stream.seek(1);
    EXPECT_EQ(stream.length(), 5u);
    EXPECT_EQ(read_all(stream), "bcdef");
    stream.seek(0);
    EXPECT_EQ(read_all(stream, 100), "abcdef");
}

TEST(BytesStream, SeekPastTheEndIsAnInvalidArgument) {
    BytesStream stream(azcore::to_bytes("abc"));
    EXPECT_NO_THROW(stream.seek(3));
    EXPECT_THROW(stream.seek(4), std::invalid_argument);
}

TEST(FileStream, ReadsTheFileWithItsLengthKnown) {
    const TempFile file("file contents\n");
    FileStream stream(file.path());
    EXPECT_TRUE(stream.seekable());
    EXPECT_EQ(stream.length(), 14u);
    EXPECT_EQ(read_all(stream, 5), "file contents\n");
    EXPECT_EQ(stream.length(), 0u);
    EXPECT_EQ(stream.tell(), 14u);
}

TEST(FileStream, SeekRewindsForAnotherTry) {
    const TempFile file("0123456789");
    FileStream stream(file.path());
    std::array<std::uint8_t, 6> buffer{};
    EXPECT_EQ(stream.read(buffer), 6u);
    stream.seek(2);
    EXPECT_EQ(stream.tell(), 2u);
    EXPECT_EQ(stream.length(), 8u);
    EXPECT_EQ(read_all(stream), "23456789");
    EXPECT_THROW(stream.seek(11), std::invalid_argument);
}

TEST(FileStream, AMissingFileIsAnInvalidArgumentNamingThePath) {
    const std::string path = "/nonexistent/azcore/missing-file.bin";
    try {
        FileStream stream(path);
        FAIL() << "no exception";
    } catch (const std::invalid_argument& error) {
        EXPECT_NE(std::string(error.what()).find(path), std::string::npos) << error.what();
    }
}

TEST(FileStream, ADirectoryIsAnInvalidArgument) {
    EXPECT_THROW(FileStream(std::filesystem::temp_directory_path().string()), std::invalid_argument);
}

TEST(FileStream, AnEmptyFileHasLengthZero) {
    const TempFile file("");
    FileStream stream(file.path());
    EXPECT_EQ(stream.length(), 0u);
    EXPECT_EQ(read_all(stream), "");
}

TEST(GeneratorStream, ReadsEachChunkInOrderAndStopsAtNullopt) {
    std::vector<std::string> chunks{"ab", "", "cdefg", "h"};
    std::size_t next = 0;
    int calls_after_end = 0;
    GeneratorStream stream([&]() -> std::optional<Bytes> {
        if (next == chunks.size()) {
            ++calls_after_end;
            return std::nullopt;
        }
        return azcore::to_bytes(chunks[next++]);
    });
    EXPECT_FALSE(stream.seekable());
    EXPECT_EQ(stream.length(), std::nullopt);
    EXPECT_EQ(read_all(stream, 3), "abcdefgh");
    std::array<std::uint8_t, 4> buffer{};
    EXPECT_EQ(stream.read(buffer), 0u);
    EXPECT_EQ(calls_after_end, 1);  // not asked again after the end
    EXPECT_THROW((void)stream.tell(), std::logic_error);
    EXPECT_THROW(stream.seek(0), std::logic_error);
}

TEST(GeneratorStream, AnnouncedLengthCountsDownAsItIsRead) {
    bool produced = false;
    GeneratorStream stream(
        [&]() -> std::optional<Bytes> {
            if (produced) {
                return std::nullopt;
            }
            produced = true;
            return azcore::to_bytes("12345");
        },
        5);
    EXPECT_EQ(stream.length(), 5u);
    std::array<std::uint8_t, 2> buffer{};
    EXPECT_EQ(stream.read(buffer), 2u);
    EXPECT_EQ(stream.length(), 3u);
    EXPECT_EQ(read_all(stream), "345");
    EXPECT_EQ(stream.length(), 0u);
}

}  // namespace
