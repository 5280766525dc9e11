import NhacViecCLI

await NhacViecCommand.main()
