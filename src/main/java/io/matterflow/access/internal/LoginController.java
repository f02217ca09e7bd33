package io.matterflow.access.internal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import jakarta.servlet.http.HttpServletRequest;

@Controller
public class LoginController {

    /** Set by the form login's failure handler when the client's address spent its budget of failed checks. */
    public static final String ADDRESS_THROTTLED = LoginController.class.getName() + ".addressThrottled";

    @GetMapping("/login")
    String login(HttpServletRequest request, Model model) {
        model.addAttribute("addressThrottled", request.getAttribute(ADDRESS_THROTTLED) != null);
        return "access/login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/inbox";
    }
}
