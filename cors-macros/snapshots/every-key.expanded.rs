use cors_runtime::cors;
#[doc(hidden)]
#[allow(dead_code)]
pub fn update_user(_: ::cors_runtime::__private::MountWithCorsRoutes) {}
#[doc(hidden)]
#[allow(non_camel_case_types)]
pub struct update_user {}
impl update_user {
    pub async fn handler(body: String) -> String {
        body
    }
}
impl ::cors_runtime::__private::HandlerSeal for update_user {}
impl ::cors_runtime::CorsHandler for update_user {
    const METHODS: ::cors_runtime::__private::MethodSet = ::cors_runtime::__private::MethodSet::POST
        .union(::cors_runtime::__private::MethodSet::PUT);
    const POLICY: &'static ::cors_runtime::__private::Policy = {
        static POLICY: ::cors_runtime::__private::Policy = ::cors_runtime::__private::Policy::new(
            "update_user",
            ::cors_runtime::__private::MethodSet::POST
                .union(::cors_runtime::__private::MethodSet::PUT),
            ::cors_runtime::__private::PolicyKeys::new()
                .origins(
                    &[
                        ::cors_runtime::__private::AllowedOrigin::exact(
                            ::cors_runtime::__private::Scheme::Https,
                            "app.example.com",
                        ),
                        ::cors_runtime::__private::AllowedOrigin::exact(
                            ::cors_runtime::__private::Scheme::Https,
                            "admin.example.com",
                        ),
                    ],
                )
                .headers(&["authorization", "content-type"])
                .expose(&["x-ratelimit-remaining", "x-request-id"])
                .credentials()
                .max_age(600)
                .private_network(),
        );
        &POLICY
    };
}
fn main() {}
