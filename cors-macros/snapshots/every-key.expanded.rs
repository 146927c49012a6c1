use cors_runtime::cors;
pub async fn update_user(body: String) -> String {
    body
}
#[doc(hidden)]
#[allow(non_camel_case_types, dead_code)]
pub struct update_user {}
const _: () = {
    use ::cors_runtime::{
        AllowHeaders, AllowedOrigin, CorsHandler, CorsMethod, Origins, Policy,
    };
    use ::cors_runtime::__private::{CompiledCell, CompiledPolicy};
    use ::core::option::Option::{None, Some};
    impl CorsHandler for update_user {
        const POLICY: &'static Policy = &Policy {
            handler: "update_user",
            origins: Origins::List(
                &[
                    AllowedOrigin::Exact("https://app.example.com"),
                    AllowedOrigin::Exact("https://admin.example.com"),
                ],
            ),
            methods: &[CorsMethod::Post, CorsMethod::Put],
            allow_methods: "POST, PUT",
            allow_headers: AllowHeaders::List {
                names: &["authorization", "content-type"],
                value: "authorization, content-type",
            },
            expose_headers: Some("x-ratelimit-remaining, x-request-id"),
            credentials: true,
            max_age: Some("600"),
            private_network: true,
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
