// Host-side view of the CUDA devices, safe to include from plain C++ (no CUDA headers).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace tauflow::cuda {

struct DeviceInfo {
  std::string name;
  std::string compute_capability;
  std::size_t total_memory = 0;
  int multiprocessors = 0;
};

struct DeviceQuery {
  int runtime_version = 0;  // e.g. 13000 for CUDA 13.0
  int driver_version = 0;   // 0 when no driver is installed
  std::vector<DeviceInfo> devices;
  std::string error;  // why no device was found, when none was
};

// Never throws: with no driver or no GPU it returns an empty device list and the reason.
DeviceQuery query_devices();
// Cached count of usable devices (0 without a driver).
int device_count();

}  // namespace tauflow::cuda
