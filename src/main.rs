//! The `soket` command line: parse arguments, call the library, map
//! outcomes to exit codes (0 success, 1 input or template errors, 2 usage).

fn main() {
    std::process::exit(soket::cli::main());
}
