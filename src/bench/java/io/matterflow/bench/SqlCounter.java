package io.matterflow.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the database round trips of the calling thread while {@link #capture} runs: every statement executed
 * (a JDBC batch is one), every commit and rollback, with the SQL of each. {@link #captureStatements} also keeps the
 * parameters each prepared statement was executed with, so that it can be run again (under EXPLAIN) exactly as the
 * application ran it. Installed as a bean post-processor that wraps the application's {@link DataSource}; outside a
 * capture it only passes calls through.
 */
final class SqlCounter implements BeanPostProcessor {

    private static final ThreadLocal<List<String>> CAPTURE = new ThreadLocal<>();
    private static final ThreadLocal<List<Executed>> STATEMENTS = new ThreadLocal<>();

    /** One parameter setter call ({@code setObject(1, value)}, {@code setString(2, text)}, ...). */
    record Setter(Method method, Object[] args) {
    }

    /** One statement executed while {@link #captureStatements} ran: its SQL and its parameters in order. */
    record Executed(String sql, List<Setter> parameters, boolean batch) {

        /** Binds the same parameters, with the same setter calls, to another statement (e.g. an EXPLAIN of it). */
        void bind(PreparedStatement statement) throws Exception {
            for (Setter setter : parameters) {
                try {
                    setter.method().invoke(statement, setter.args());
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
    }

    /** The round trips {@code work} made on this thread, in order. */
    static List<String> capture(LoadLoop.ThrowingRunnable work) throws Exception {
        List<String> trips = new ArrayList<>();
        CAPTURE.set(trips);
        try {
            work.run();
        } finally {
            CAPTURE.remove();
        }
        return trips;
    }

    /** The statements {@code work} executed on this thread, in order, with their parameters. */
    static List<Executed> captureStatements(LoadLoop.ThrowingRunnable work) throws Exception {
        List<Executed> executed = new ArrayList<>();
        STATEMENTS.set(executed);
        try {
            work.run();
        } finally {
            STATEMENTS.remove();
        }
        return executed;
    }

    private static void trip(String what) {
        List<String> trips = CAPTURE.get();
        if (trips != null) {
            trips.add(what);
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource ds && !(Proxy.isProxyClass(bean.getClass()))) {
            return proxy(DataSource.class, ds, (target, method, args) -> {
                Object result = invoke(target, method, args);
                return result instanceof Connection c ? connection(c) : result;
            });
        }
        return bean;
    }

    private static Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            Object result = invoke(target, method, args);
            switch (method.getName()) {
                case "commit" -> trip("COMMIT");
                case "rollback" -> trip("ROLLBACK");
                default -> {
                }
            }
            if (result instanceof PreparedStatement ps) {
                return statement(PreparedStatement.class, ps, (String) args[0]);
            }
            if (result instanceof Statement s) {
                return statement(Statement.class, s, null);
            }
            return result;
        });
    }

    private static <S extends Statement> S statement(Class<S> type, S statement, String sql) {
        Map<Integer, Setter> parameters = new TreeMap<>();
        return proxy(type, statement, (target, method, args) -> {
            String name = method.getName();
            if (name.startsWith("execute")) {
                String text = sql != null ? sql : args != null && args.length > 0 && args[0] instanceof String s ? s : "?";
                trip((name.equals("executeBatch") ? "BATCH " : "") + text);
                List<Executed> executed = STATEMENTS.get();
                if (executed != null) {
                    executed.add(new Executed(text, List.copyOf(parameters.values()), name.equals("executeBatch")));
                }
            } else if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index
                    && STATEMENTS.get() != null) {
                parameters.put(index, new Setter(method, args.clone()));
            } else if (name.equals("clearParameters")) {
                parameters.clear();
            }
            return invoke(target, method, args);
        });
    }

    private interface Handler<T> {
        Object handle(T target, Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
        InvocationHandler h = (p, method, args) -> {
            if (method.getName().equals("unwrap") && args.length == 1 && ((Class<?>) args[0]).isInstance(target)) {
                return target;
            }
            return handler.handle(target, method, args);
        };
        return (T) Proxy.newProxyInstance(SqlCounter.class.getClassLoader(), new Class<?>[] {type}, h);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
