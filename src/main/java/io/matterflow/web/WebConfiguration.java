package io.matterflow.web;

import java.util.List;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.matterflow.access.CurrentActor;
import io.matterflow.common.Json;
import io.matterflow.directory.Actor;

/** Controllers take the signed-in {@link Actor} as an argument; request bodies are read strictly. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Actor.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav,
                                          NativeWebRequest request, WebDataBinderFactory binders) {
                return CurrentActor.get().orElseThrow(
                        () -> new AuthenticationCredentialsNotFoundException("not signed in"));
            }
        });
    }

    /** Request bodies are read with the application's one set of strict rules ({@link Json#strict}). */
    @Bean
    JsonMapperBuilderCustomizer strictRequestBodies() {
        return Json::strict;
    }
}
