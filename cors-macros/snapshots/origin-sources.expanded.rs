use cors_runtime::cors;
mod config {
    pub fn partner_origins() -> Vec<&'static str> {
        Vec::from(["https://partner.example"])
    }
}
#[doc(hidden)]
#[allow(dead_code)]
pub fn create_order(_: ::cors_runtime::__private::MountWithCorsRoutes) {}
#[doc(hidden)]
#[allow(non_camel_case_types)]
pub struct create_order {}
impl create_order {
    pub async fn handler(body: String) -> String {
        body
    }
}
impl ::cors_runtime::__private::HandlerSeal for create_order {}
impl ::cors_runtime::CorsHandler for create_order {
    const METHODS: ::cors_runtime::__private::MethodSet = ::cors_runtime::__private::MethodSet::POST;
    const POLICY: &'static ::cors_runtime::__private::Policy = {
        static POLICY: ::cors_runtime::__private::Policy = ::cors_runtime::__private::Policy::new(
            "create_order",
            ::cors_runtime::__private::MethodSet::POST,
            ::cors_runtime::__private::PolicyKeys::new()
                .origins(
                    &[
                        ::cors_runtime::__private::AllowedOrigin::exact(
                            ::cors_runtime::__private::Scheme::Https,
                            "app.example.com",
                        ),
                        ::cors_runtime::__private::AllowedOrigin::subdomains(
                            ::cors_runtime::__private::Scheme::Https,
                            "preview.example.com",
                        ),
                        ::cors_runtime::__private::AllowedOrigin::exact_with_port(
                            ::cors_runtime::__private::Scheme::Http,
                            "localhost",
                            5173,
                        ),
                        ::cors_runtime::__private::AllowedOrigin::subdomains_with_port(
                            ::cors_runtime::__private::Scheme::Https,
                            "tenant.example",
                            8443,
                        ),
                        ::cors_runtime::__private::AllowedOrigin::any_port(
                            ::cors_runtime::__private::Scheme::Http,
                            "localhost",
                        ),
                        ::cors_runtime::__private::AllowedOrigin::env(
                            "APP_CORS_ORIGINS",
                        ),
                        ::cors_runtime::__private::AllowedOrigin::env_optional(
                            "DEV_ORIGINS",
                        ),
                        ::cors_runtime::__private::AllowedOrigin::env_or(
                            "PREVIEW_ORIGINS",
                            &[
                                ::cors_runtime::__private::AllowedOrigin::exact(
                                    ::cors_runtime::__private::Scheme::Https,
                                    "preview.example.com",
                                ),
                                ::cors_runtime::__private::AllowedOrigin::any_port(
                                    ::cors_runtime::__private::Scheme::Http,
                                    "localhost",
                                ),
                            ],
                        ),
                        ::cors_runtime::__private::AllowedOrigin::from_fn(|| ::cors_runtime::__private::origin_list(
                            config::partner_origins(),
                        )),
                    ],
                )
                .strict(),
        );
        &POLICY
    };
}
fn main() {}
