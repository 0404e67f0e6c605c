//! The web app's entry point (wasm32, built by `cargo xtask dist`).

fn main() {
    notice_web::start();
}
