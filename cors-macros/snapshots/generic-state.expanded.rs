use axum::extract::State;
use cors_runtime::cors;
#[doc(hidden)]
#[allow(dead_code)]
pub fn list_users(_: ::cors_runtime::__private::MountWithCorsRoutes) {}
#[doc(hidden)]
#[allow(non_camel_case_types)]
pub struct list_users<S> {
    __cors_marker: ::core::marker::PhantomData<fn() -> (S,)>,
}
impl<S: Clone + Send + Sync + 'static> list_users<S> {
    /// Docs move to `list_users::handler`; the other attributes stay on the fn.
    pub fn handler(
        __cors_arg0: State<S>,
        __cors_arg1: String,
    ) -> impl ::core::future::Future<Output = String> {
        #[tracing::instrument(skip_all)]
        async fn list_users<S: Clone + Send + Sync + 'static>(
            State(_state): State<S>,
            body: String,
        ) -> String {
            body
        }
        list_users(__cors_arg0, __cors_arg1)
    }
}
impl<S> ::cors_runtime::__private::HandlerSeal for list_users<S> {}
impl<S> ::cors_runtime::CorsHandler for list_users<S> {
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
