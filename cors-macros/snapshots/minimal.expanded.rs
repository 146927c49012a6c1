use cors_runtime::cors;
async fn list_users() -> &'static str {
    "[]"
}
#[doc(hidden)]
#[allow(non_camel_case_types, dead_code)]
struct list_users {}
const _: () = {
    use ::cors_runtime::{
        AllowHeaders, AllowedOrigin, CorsHandler, CorsMethod, Origins, Policy,
    };
    use ::cors_runtime::__private::{CompiledCell, CompiledPolicy};
    use ::core::option::Option::{None, Some};
    impl CorsHandler for list_users {
        const POLICY: &'static Policy = &Policy {
            handler: "list_users",
            origins: Origins::List(&[AllowedOrigin::Exact("https://app.example.com")]),
            methods: &[CorsMethod::Get],
            allow_methods: "GET, HEAD",
            allow_headers: AllowHeaders::None,
            expose_headers: None,
            credentials: false,
            max_age: None,
            private_network: false,
            strict: false,
            allow_insecure_origins: false,
        };
        fn compiled() -> &'static CompiledPolicy {
            static COMPILED: CompiledCell = CompiledCell::new();
            COMPILED.get(Self::POLICY)
        }
    }
};
fn main() {}
