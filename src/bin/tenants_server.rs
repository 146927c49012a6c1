//! `examples/tenants.rs` as a binary of this package, so `tests/tenants.rs` can start
//! each server as its own process (`CARGO_BIN_EXE_tenants_server`): the example's
//! `TENANT_ORIGINS` is a `static`, so two servers in one process would share one set.

#[path = "../../examples/tenants.rs"]
// The binary runs `main`; the items the example exposes for tests are unused here.
#[allow(dead_code)]
mod tenants;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The test that started this process holds its stdin; end with it, even if the test
    // is killed before it can kill this process.
    std::thread::spawn(|| {
        let _ = std::io::copy(&mut std::io::stdin(), &mut std::io::sink());
        std::process::exit(0);
    });
    tenants::main()
}
