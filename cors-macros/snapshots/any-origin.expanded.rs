use cors_runtime::cors;
#[doc(hidden)]
#[allow(dead_code)]
fn public_data(_: ::cors_runtime::__private::MountWithCorsRoutes) {}
#[doc(hidden)]
#[allow(non_camel_case_types)]
struct public_data {}
impl public_data {
    async fn handler() -> &'static str {
        "{}"
    }
}
impl ::cors_runtime::__private::HandlerSeal for public_data {}
impl ::cors_runtime::CorsHandler for public_data {
    const METHODS: ::cors_runtime::__private::MethodSet = ::cors_runtime::__private::MethodSet::GET
        .union(::cors_runtime::__private::MethodSet::HEAD);
    const POLICY: &'static ::cors_runtime::__private::Policy = {
        static POLICY: ::cors_runtime::__private::Policy = ::cors_runtime::__private::Policy::new(
            "public_data",
            ::cors_runtime::__private::MethodSet::GET
                .union(::cors_runtime::__private::MethodSet::HEAD),
            ::cors_runtime::__private::PolicyKeys::new()
                .any_origin()
                .any_header()
                .expose_any()
                .max_age(86400),
        );
        &POLICY
    };
}
fn main() {}
