// Turns libFuzzer's bytes into typed values: a small cursor that never reads past the end
// (missing bytes read as zero), and value decoders that make ties, ±Inf, NaN, -0.0 and
// denormals likely, in either float width (float32 values are widened to double the way the
// TypeScript layer widens a Float32Array).
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

namespace tauflow_fuzz {

class Cursor {
 public:
  Cursor(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::size_t left() const { return size_ - pos_; }
  std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  void bytes(void* out, std::size_t n) {
    auto* o = static_cast<std::uint8_t*>(out);
    for (std::size_t i = 0; i < n; ++i) o[i] = byte();
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

enum class Width { f64, f32 };

// One value. With `levels` > 0 most values are small integers in [0, levels) so ties abound;
// a tag byte picks specials often enough that every combination gets tried.
inline double next_value(Cursor& c, Width w, unsigned levels) {
  const std::uint8_t tag = c.byte();
  switch (tag % 16) {
    case 0:
      return std::numeric_limits<double>::infinity();
    case 1:
      return -std::numeric_limits<double>::infinity();
    case 2:
      return std::numeric_limits<double>::quiet_NaN();
    case 3:
      return -0.0;
    default:
      break;
  }
  if (levels > 0 && tag % 16 >= 6) return static_cast<double>(c.byte() % levels);
  if (w == Width::f32) {
    float f;
    c.bytes(&f, sizeof f);
    return static_cast<double>(f);
  }
  double d;
  c.bytes(&d, sizeof d);
  return d;
}

}  // namespace tauflow_fuzz
