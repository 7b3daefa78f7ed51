#pragma once
// The typed fixture every Spector scenario test runs in both faces (tests/support/face_fixture.hpp),
// with the endpoint of the process's Spector.
#include "generated_client.hpp"

#include "support/face_fixture.hpp"
#include "support/spector_server.hpp"

namespace azcore::spector {

/// Skips when Spector is not installed; otherwise starts it (once per process) for `endpoint`.
template <class Face>
class FaceTest : public test::FaceFixture<Face> {
protected:
    void SetUp() override {
        if (auto why = test::SpectorServer::missing()) GTEST_SKIP() << *why;
        endpoint = test::SpectorServer::shared().base_url();
    }

    std::string endpoint;
};
using test::FaceNames;
using Faces = ::testing::Types<Sync, Async>;

}  // namespace azcore::spector
