#pragma once
// The typed fixture every Spector scenario test runs in both faces (tests/support/face_fixture.hpp).
#include "generated_client.hpp"

#include "support/face_fixture.hpp"

namespace azcore::spector {

template <class Face>
using FaceTest = test::FaceFixture<Face>;
using test::FaceNames;
using Faces = ::testing::Types<Sync, Async>;

}  // namespace azcore::spector
