fn main() -> std::process::ExitCode {
    rungs::cli::main()
}
