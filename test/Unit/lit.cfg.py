# Runs the gtest binary (built from unittests/) as part of the lit run: every
# gtest TEST() becomes one lit test, "wasm2native-Unit :: <binary>/<Suite>/<Test>".
import os

import lit.formats

config.name = "wasm2native-Unit"

# Without the generated site config (lit run on the source tree), look in
# the default build directory.
unit_dir = getattr(config, "wasm2native_unittest_dir", None) or os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    "build", "bin")
unit_name = getattr(config, "wasm2native_unittest_name", None) or "wasm2nativeUnitTests"

# GoogleTest picks executables in unit_dir whose names end with the suffix;
# the full name selects exactly the one binary.
config.test_format = lit.formats.GoogleTest(".", unit_name)
config.test_source_root = unit_dir
config.test_exec_root = unit_dir
