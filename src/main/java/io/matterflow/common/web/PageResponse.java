package io.matterflow.common.web;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Page;

import io.swagger.v3.oas.annotations.media.Schema;

/** A page of a list: {@code {items, page, size, total}}. */
public record PageResponse<T>(@Schema(description = "This page's items") List<T> items,
                              @Schema(description = "The page, from 0", example = "0") int page,
                              @Schema(description = "The page size asked for", example = "20") int size,
                              @Schema(description = "Items on all pages", example = "1") long total) {

    public static <T> PageResponse<T> of(Page<T> page) {
        return new PageResponse<>(page.getContent(), page.getNumber(), page.getSize(), page.getTotalElements());
    }

    public static <S, T> PageResponse<T> of(Page<S> page, Function<S, T> mapper) {
        return of(page.map(mapper));
    }
}
