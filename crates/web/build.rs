//! The page module is cut apart by wasm-split after linking, which needs
//! the linker's relocations; only that binary gets them, since wasm-opt
//! cannot optimise a module that has them.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-bin=notice-desk=--emit-relocs");
    }
}
