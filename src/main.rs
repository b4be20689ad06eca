//! The `soket` command line: parse arguments, call the library, map
//! outcomes to exit codes (0 success, 1 input or template errors, 2 usage).

/// mimalloc: a build allocates and frees millions of small strings and
/// maps from several threads; glibc's allocator spent a fifth of the time
/// consolidating them.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(soket::cli::main());
}
