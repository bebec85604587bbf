fn main() {
    leptos::mount::mount_to_body(velferd_staff::App);
}
