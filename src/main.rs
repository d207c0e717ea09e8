//! The `factlint` command: parses arguments, calls the library, maps the
//! outcome to an exit code. All file and terminal I/O lives in `cli`.

mod cli;

// jemalloc, where it builds: it returns a long report's pages soon after
// the report is done (settings in `.cargo/config.toml`).
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "error[FL900]: internal error: {info}\n  help: this is a bug in factlint, not in your input; \
please report it with the command line and, if you can, the inputs"
        );
    }));
    let args = cli::Cli::parse();
    let code = cli::run(args);
    ExitCode::from(code)
}
