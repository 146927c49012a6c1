use cors_runtime::cors;
mod config {
    pub fn partner_origins() -> Vec<&'static str> {
        Vec::from(["https://partner.example"])
    }
}
pub async fn create_order(body: String) -> String {
    body
}
#[doc(hidden)]
#[allow(non_camel_case_types, dead_code)]
pub struct create_order {}
const _: () = {
    use ::cors_runtime::{
        AllowHeaders, AllowedOrigin, CorsHandler, CorsMethod, Origins, Policy,
    };
    use ::cors_runtime::__private::{CompiledCell, CompiledPolicy};
    use ::core::option::Option::{None, Some};
    impl CorsHandler for create_order {
        const POLICY: &'static Policy = &Policy {
            handler: "create_order",
            origins: Origins::List(
                &[
                    AllowedOrigin::Exact("https://app.example.com"),
                    AllowedOrigin::Pattern("https://*.preview.example.com"),
                    AllowedOrigin::Pattern("http://localhost:*"),
                    AllowedOrigin::Env("APP_CORS_ORIGINS"),
                    AllowedOrigin::FromFn(|| ::cors_runtime::__private::origin_list(
                        config::partner_origins(),
                    )),
                ],
            ),
            methods: &[CorsMethod::Post],
            allow_methods: "POST",
            allow_headers: AllowHeaders::None,
            expose_headers: None,
            credentials: false,
            max_age: None,
            private_network: false,
            strict: true,
            allow_insecure_origins: false,
        };
        fn compiled() -> &'static CompiledPolicy {
            static COMPILED: CompiledCell = CompiledCell::new();
            COMPILED.get(Self::POLICY)
        }
    }
};
fn main() {}
