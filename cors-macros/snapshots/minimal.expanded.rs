use cors_runtime::cors;
#[doc(hidden)]
#[allow(dead_code)]
fn list_users(_: ::cors_runtime::__private::MountWithCorsRoutes) {}
#[doc(hidden)]
#[allow(non_camel_case_types)]
struct list_users {}
impl list_users {
    async fn handler() -> &'static str {
        "[]"
    }
}
impl ::cors_runtime::__private::HandlerSeal for list_users {}
impl ::cors_runtime::CorsHandler for list_users {
    const METHODS: ::cors_runtime::__private::MethodSet = ::cors_runtime::__private::MethodSet::GET;
    const POLICY: &'static ::cors_runtime::__private::Policy = {
        static POLICY: ::cors_runtime::__private::Policy = ::cors_runtime::__private::Policy::new(
            "list_users",
            ::cors_runtime::__private::MethodSet::GET,
            ::cors_runtime::__private::PolicyKeys::new()
                .origins(
                    &[
                        ::cors_runtime::__private::AllowedOrigin::exact(
                            ::cors_runtime::__private::Scheme::Https,
                            "app.example.com",
                        ),
                    ],
                ),
        );
        &POLICY
    };
}
fn main() {}
