fn main() {
    zhongcao_web::start();
}
