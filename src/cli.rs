//! Command-line interface (clap). Kept apart from `main.rs` so tests can
//! call it in-process.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "soket",
    version,
    about = "Trình biên dịch báo cáo sơ kết giữa nhiệm kỳ"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Tạo thư mục báo cáo mới (create a new review folder)
    Init { dir: PathBuf },
    /// Kiểm tra số liệu (check every input file)
    Check {
        dir: PathBuf,
        #[arg(long, default_value = "vi")]
        lang: String,
    },
}

/// Run the command line; returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Init { .. } | Command::Check { .. } => 2,
    }
}
