use cors_runtime::cors;
#[doc(hidden)]
#[allow(dead_code)]
fn session(_: ::cors_runtime::__private::MountWithCorsRoutes) {}
#[doc(hidden)]
#[allow(non_camel_case_types)]
struct session {}
impl session {
    async fn handler() {}
}
impl ::cors_runtime::__private::HandlerSeal for session {}
impl ::cors_runtime::CorsHandler for session {
    const METHODS: ::cors_runtime::__private::MethodSet = ::cors_runtime::__private::MethodSet::GET
        .union(::cors_runtime::__private::MethodSet::DELETE);
    const POLICY: &'static ::cors_runtime::__private::Policy = {
        static POLICY: ::cors_runtime::__private::Policy = ::cors_runtime::__private::Policy::new(
            "session",
            ::cors_runtime::__private::MethodSet::GET
                .union(::cors_runtime::__private::MethodSet::DELETE),
            ::cors_runtime::__private::PolicyKeys::new()
                .origins(
                    &[
                        ::cors_runtime::__private::AllowedOrigin::exact_with_port(
                            ::cors_runtime::__private::Scheme::Http,
                            "localhost",
                            5173,
                        ),
                        ::cors_runtime::__private::AllowedOrigin::exact(
                            ::cors_runtime::__private::Scheme::Http,
                            "intranet.example.com",
                        ),
                    ],
                )
                .credentials()
                .allow_insecure_origins(),
        );
        &POLICY
    };
}
fn main() {}
