use cors_runtime::cors;
async fn session() {}
#[doc(hidden)]
#[allow(non_camel_case_types, dead_code)]
struct session {}
const _: () = {
    use ::cors_runtime::{
        AllowHeaders, AllowedOrigin, CorsHandler, CorsMethod, Origins, Policy,
    };
    use ::cors_runtime::__private::{CompiledCell, CompiledPolicy};
    use ::core::option::Option::{None, Some};
    impl CorsHandler for session {
        const POLICY: &'static Policy = &Policy {
            handler: "session",
            origins: Origins::List(
                &[
                    AllowedOrigin::Exact("http://localhost:5173"),
                    AllowedOrigin::Exact("http://intranet.example.com"),
                ],
            ),
            methods: &[CorsMethod::Get, CorsMethod::Delete],
            allow_methods: "GET, HEAD, DELETE",
            allow_headers: AllowHeaders::None,
            expose_headers: None,
            credentials: true,
            max_age: None,
            private_network: false,
            strict: false,
            allow_insecure_origins: true,
        };
        fn compiled() -> &'static CompiledPolicy {
            static COMPILED: CompiledCell = CompiledCell::new();
            COMPILED.get(Self::POLICY)
        }
    }
};
fn main() {}
