#pragma once
// AsyncResumableBody: ResumableBody's async face.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/bytes.hpp>
#include <azcore/net.hpp>
#include <azcore/resumable_body.hpp>

#include <cstddef>
#include <memory>
#include <optional>

namespace azcore::rest {
class AsyncHttpResponse;
}

namespace azcore {

/// ResumableBody read by coroutines: `while (auto chunk = co_await body.next()) …`; resumes are
/// sent with the client's send_request and decided exactly as in ResumableBody.
class AsyncResumableBody {
public:
    /// client is the one that sent response and must outlive this object.
    AsyncResumableBody(const AsyncPipelineClient& client, std::shared_ptr<rest::AsyncHttpResponse> response,
                       ResumableBodyOptions options = {});
    ~AsyncResumableBody();
    /// Movable (the read position and the resume state move with it); not copyable.
    ///@{
    AsyncResumableBody(AsyncResumableBody&&) noexcept;
    AsyncResumableBody& operator=(AsyncResumableBody&&) noexcept;
    ///@}

    /// The next chunk (valid until the next call), or nullopt at the end of the body.
    net::awaitable<std::optional<BytesView>> next();
    /// Bytes returned so far.
    std::size_t bytes_read() const;
    /// The body's length from the first response's Content-Length, when it has one.
    std::optional<std::size_t> content_length() const;
    /// How many times reading was resumed.
    int resumes() const;
    /// The response being read now (the first, or the 206 of the last resume).
    const std::shared_ptr<rest::AsyncHttpResponse>& response() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace azcore
