use cors_runtime::cors;

// Subdomain patterns no site can match: an empty label, a final dot, a label over 63
// bytes, a domain that leaves no room for a label below it (`x.` + 252 > 253 bytes).
#[cors(
    origins = [
        "https://*..example.com",
        "https://*.example.com.",
        "https://*.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com",
        "https://*.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    ],
    methods = [GET]
)]
async fn handler() {}

fn main() {}
