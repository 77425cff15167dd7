//! `complaint-server`: the Complaint Desk reference server. `--help` lists the options.

use clap::Parser;
use complaint_server::{AppState, Config};
use tracing_subscriber::EnvFilter;

/// mimalloc instead of the system allocator: a fifth of the server's CPU under load was glibc
/// malloc/free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let config = Config::parse();
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    let address = listener.local_addr()?;
    let state = AppState::new(config).await?;
    let config = state.config();
    println!("Complaint Desk is listening on http://{address}/");
    println!(
        "  database: {}",
        complaint_server::redact_database_url(&config.database_url)
    );
    match &config.dist {
        Some(dist) => println!("  app:      {}", dist.display()),
        None => println!("  app:      not served (start with --dist dist/ to serve it)"),
    }
    println!("  API:      http://{address}/api/openapi.json");
    if config.demo_sign_in {
        println!("  demo accounts (DEMO sign-in by username only, no password):");
        for user in state.demo_accounts().await? {
            println!(
                "    {:<16} {} ({:?}, {:?})",
                user.username, user.display_name, user.role, user.real_name
            );
        }
    }
    if let Some(header) = &config.identity_header {
        println!(
            "  trusting identity header {header:?}: the reverse proxy must strip it from clients"
        );
    }
    complaint_server::serve_state(listener, state, complaint_server::shutdown_signal()).await
}
