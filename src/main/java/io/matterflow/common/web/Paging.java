package io.matterflow.common.web;

import java.util.List;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

import io.matterflow.common.FieldError;
import io.matterflow.common.ValidationException;


/** {@code ?page=&size=} checked: page from 0, size 1 to 200 (default 20). */
public final class Paging {

    public static final int MAX_SIZE = 200;

    private Paging() {
    }

    public static Pageable of(Integer page, Integer size) {
        return of(page, size, Sort.unsorted());
    }

    public static Pageable of(Integer page, Integer size, Sort sort) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        if (p < 0 || p > 1_000_000) {
            throw new ValidationException("Invalid paging", List.of(new FieldError("page", "must be between 0 and 1000000")));
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new ValidationException("Invalid paging", List.of(new FieldError("size", "must be between 1 and " + MAX_SIZE)));
        }
        return PageRequest.of(p, s, sort);
    }
}
