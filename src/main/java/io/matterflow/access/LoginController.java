package io.matterflow.access;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

    @GetMapping("/login")
    String login() {
        return "access/login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/inbox";
    }
}
