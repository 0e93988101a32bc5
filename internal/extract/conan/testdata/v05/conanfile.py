from conan import ConanFile
from conan.tools.cmake import cmake_layout


class ImageToolRecipe(ConanFile):
    name = "imagetool"
    version = "2.0.1"
    settings = "os", "compiler", "build_type", "arch"
    generators = "CMakeToolchain", "CMakeDeps"

    def requirements(self):
        self.requires("zlib/1.3.1")
        self.requires("openssl/3.2.1")
        self.requires("fmt/10.2.1@acme/testing")

    def build_requirements(self):
        self.tool_requires("cmake/3.28.1")
        self.tool_requires("ninja/1.11.1")

    def layout(self):
        cmake_layout(self)
