use cors_runtime::cors;
async fn session() {}
#[doc(hidden)]
#[allow(non_camel_case_types, dead_code)]
struct session {}
impl ::cors_runtime::CorsHandler for session {
    const METHODS: ::cors_runtime::__private::MethodSet = ::cors_runtime::__private::MethodSet::of(
        &[
            ::cors_runtime::__private::CorsMethod::Get,
            ::cors_runtime::__private::CorsMethod::Delete,
        ],
    );
    const POLICY: &'static ::cors_runtime::__private::Policy = {
        static POLICY: ::cors_runtime::__private::Policy = ::cors_runtime::__private::Policy::new(
                "session",
                <session as ::cors_runtime::CorsHandler>::METHODS,
            )
            .origins(
                &[
                    ::cors_runtime::__private::AllowedOrigin::exact(
                        ::cors_runtime::__private::Scheme::Http,
                        "localhost",
                        ::core::option::Option::Some(5173),
                    ),
                    ::cors_runtime::__private::AllowedOrigin::exact(
                        ::cors_runtime::__private::Scheme::Http,
                        "intranet.example.com",
                        ::core::option::Option::None,
                    ),
                ],
            )
            .credentials()
            .allow_insecure_origins();
        &POLICY
    };
}
fn main() {}
