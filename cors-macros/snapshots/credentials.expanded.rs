use cors_runtime::cors;
async fn session() {}
#[doc(hidden)]
#[allow(non_camel_case_types, dead_code)]
struct session {}
impl ::cors_runtime::CorsHandler for session {
    const METHODS: ::cors_runtime::__private::MethodSet = ::cors_runtime::__private::MethodSet::GET
        .union(::cors_runtime::__private::MethodSet::DELETE);
    const POLICY: &'static ::cors_runtime::__private::Policy = {
        static POLICY: ::cors_runtime::__private::Policy = ::cors_runtime::__private::Policy::new(
                "session",
                ::cors_runtime::__private::MethodSet::GET
                    .union(::cors_runtime::__private::MethodSet::DELETE),
            )
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
            .allow_insecure_origins();
        &POLICY
    };
}
fn main() {}
