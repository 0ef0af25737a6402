import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The seeds' sample service on the JDK's own HTTP server: POST /MyService echoes its JSON object, GET /health answers
 * up. No JSON library: the body is checked to be an object and echoed as it came.
 */
public class MyService {

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", MyService::handle);
        server.start();
        System.out.println("MyService listening on " + port);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).trim();
        switch (route) {
            case "GET /health" -> send(exchange, 200, "{\"status\":\"up\"}");
            case "POST /MyService" -> {
                if (body.startsWith("{") && body.endsWith("}")) {
                    send(exchange, 200, "{\"service\":\"MyService\",\"runtime\":\"java " + Runtime.version().feature()
                            + "\",\"user\":\"" + System.getProperty("user.name") + "\",\"echo\":" + body + "}");
                } else {
                    send(exchange, 400, "{\"error\":\"expected a JSON object\"}");
                }
            }
            default -> send(exchange, 404, "{\"error\":\"no route for " + route + "\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
