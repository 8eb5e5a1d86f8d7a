//! Compile-time behaviour: `ui/*.rs` must fail with exactly the errors in the `.stderr` next
//! to each; `pass/*.rs` must compile and run.
//!
//! The snapshots are rustc's words and depend on its version: the workspace pins the
//! toolchain in `rust-toolchain.toml`. After a deliberate change, regenerate with
//! `TRYBUILD=overwrite cargo test -p tensorspec-tests --test ui` and read every diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
    t.pass("pass/*.rs");
}
