//! The web app's entry point (wasm32, built by `cargo xtask dist`).

#[cfg(target_arch = "wasm32")]
fn main() {
    notice_desk::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("通知起草台 is a web app: serve it with `cargo xtask serve` (see README.md).");
}
