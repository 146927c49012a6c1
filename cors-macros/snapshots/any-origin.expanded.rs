use cors_runtime::cors;
async fn public_data() -> &'static str {
    "{}"
}
#[doc(hidden)]
#[allow(non_camel_case_types, dead_code)]
struct public_data {}
const _: () = {
    use ::cors_runtime::{
        AllowHeaders, AllowedOrigin, CorsHandler, CorsMethod, Origins, Policy,
    };
    use ::cors_runtime::__private::{CompiledCell, CompiledPolicy};
    use ::core::option::Option::{None, Some};
    impl CorsHandler for public_data {
        const POLICY: &'static Policy = &Policy {
            handler: "public_data",
            origins: Origins::Any,
            methods: &[CorsMethod::Get, CorsMethod::Head],
            allow_methods: "GET, HEAD",
            allow_headers: AllowHeaders::Any,
            expose_headers: Some("*"),
            credentials: false,
            max_age: Some("86400"),
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
