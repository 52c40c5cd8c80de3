// The native module's TypeScript contract: the one boundary between src/ and native/addon.
// Every function here validates only what would crash it; src/ validates user input first.

export interface NativeDeviceInfo {
  index: number;
  name: string;
  computeCapability: string;
  totalMemory: number;
  multiprocessors: number;
}

export interface NativeBuildInfo {
  napiVersion: number;
  threads: number;
  cuda: {
    compiled: boolean;
    runtimeVersion: number | null;
    driverVersion: number | null;
    error: string | null;
    devices: NativeDeviceInfo[];
  };
}

export interface NativeBinding {
  buildInfo(): NativeBuildInfo;
  /** Threads for parallel work in this process; 0 restores the default. Returns the count in force. */
  setThreads(n: number): number;
}
