use cors_runtime::cors;
async fn list_users() -> &'static str {
    "[]"
}
#[doc(hidden)]
#[allow(non_camel_case_types, dead_code)]
struct list_users {}
impl ::cors_runtime::CorsHandler for list_users {
    const METHODS: ::cors_runtime::__private::MethodSet = ::cors_runtime::__private::MethodSet::GET;
    const POLICY: &'static ::cors_runtime::__private::Policy = {
        static POLICY: ::cors_runtime::__private::Policy = ::cors_runtime::__private::Policy::new(
                "list_users",
                ::cors_runtime::__private::MethodSet::GET,
            )
            .origins(
                &[
                    ::cors_runtime::__private::AllowedOrigin::exact(
                        ::cors_runtime::__private::Scheme::Https,
                        "app.example.com",
                    ),
                ],
            );
        &POLICY
    };
}
fn main() {}
