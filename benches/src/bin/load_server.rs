//! The three servers of the benchmarks on three loopback ports, for `benches/load.sh`:
//! `#[cors]` on PORT, tower-http's `CorsLayer` on PORT+1, no CORS on PORT+2.
//!
//! `load_server [PORT] [SECONDS]` (defaults 38181 and 120): binds 127.0.0.1 only, prints
//! one `ready` line once all three listen, and exits by itself after SECONDS.

use std::time::Duration;

use cors_benches::{Server, serve_for};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let port: u16 = args.next().map_or(38181, |p| p.parse().expect("PORT"));
    let seconds: u64 = args.next().map_or(120, |s| s.parse().expect("SECONDS"));
    let lifetime = Duration::from_secs(seconds);

    let mut servers = Vec::new();
    for (offset, server) in (0u16..).zip(Server::ALL) {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port + offset)).await?;
        println!("{} on http://{}", server.name(), listener.local_addr()?);
        servers.push(tokio::spawn(serve_for(listener, server.router(), lifetime)));
    }
    println!("ready");
    for server in servers {
        server.await.expect("server task");
    }
    Ok(())
}
