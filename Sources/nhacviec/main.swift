import NhacViecCLI

await runNhacViec()
