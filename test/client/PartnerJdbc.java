// PartnerJdbc: the JDBC half of test/client/partner_clients.sh, run with Java's single-file
// source launcher against Debian's pgJDBC:
//   java -cp /usr/share/java/postgresql.jar PartnerJdbc.java SOCKET URL USER PASSWORD OUTDIR < commands
// It connects as a partner's login the way Metabase or DBeaver do (a jdbc:postgresql:// URL
// over TCP, user and password) and runs the commands read from stdin, one a line:
//   dump NAME SQL   the rows of SQL to OUTDIR/NAME.jdbc, one line per row, each column read
//                   with getObject and written by its Java class (see value()); a column
//                   that comes back as a driver-specific class (PGobject: a type BI tools
//                   do not know) fails the run
//   try NAME SQL    runs SQL; prints "NAME ok N" (N rows changed) or "NAME SQLSTATE message"
//   commit, rollback, autocommit on|off
//   meta SCHEMA     DatabaseMetaData of the schema's views (not those named _*): prints
//                   "meta VIEW COLUMN TYPE_NAME DATA_TYPE remarks-length" per column and
//                   "viewmeta VIEW remarks-length" per view
// When SOCKET is a path (the test clusters listen on a Unix socket only), the program first
// opens a TCP relay on 127.0.0.1 to that socket and puts its port for "{relay}" in URL, so
// the driver still speaks TCP as it does for a partner; pgJDBC itself has no Unix sockets.
import java.io.*;
import java.math.BigDecimal;
import java.net.*;
import java.nio.ByteBuffer;
import java.nio.channels.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.sql.*;
import java.time.OffsetDateTime;
import java.util.*;

public class PartnerJdbc {
    /* Start a relay thread: every connection to 127.0.0.1:<port> is joined to the socket. */
    static int relay(String socketPath) throws IOException {
        ServerSocket server = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Socket tcp = server.accept();
                    SocketChannel unix = SocketChannel.open(StandardProtocolFamily.UNIX);
                    unix.connect(UnixDomainSocketAddress.of(socketPath));
                    InputStream fromTcp = tcp.getInputStream();
                    OutputStream toTcp = tcp.getOutputStream();
                    // the channel itself, not Channels.newInput/OutputStream: those two
                    // share the channel's blocking lock and would block each other
                    pipe(tcp, unix, () -> {
                        byte[] buf = new byte[65536];
                        int n;
                        while ((n = fromTcp.read(buf)) > 0) {
                            ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                            while (b.hasRemaining()) unix.write(b);
                        }
                    });
                    pipe(tcp, unix, () -> {
                        ByteBuffer b = ByteBuffer.allocate(65536);
                        while (unix.read(b) > 0) {
                            toTcp.write(b.array(), 0, b.position());
                            toTcp.flush();
                            b.clear();
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    /* One direction of a relayed connection. */
    interface Copy { void run() throws IOException; }

    /* Run one direction of a relayed connection until either side closes, then close both. */
    static void pipe(Socket tcp, SocketChannel unix, Copy copy) {
        Thread t = new Thread(() -> {
            try {
                copy.run();
            } catch (IOException e) {
                // the other direction closed the pair
            }
            try { tcp.close(); } catch (IOException e) { }
            try { unix.close(); } catch (IOException e) { }
        });
        t.setDaemon(true);
        t.start();
    }

    /* COPY text escaping, so that the lines compare with psql's COPY ... TO STDOUT. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\': b.append("\\\\"); break;
                case '\t': b.append("\\t"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }

    /* One column of a row by the Java class the driver maps it to; null for any other class. */
    static String value(ResultSet rs, int i) throws SQLException {
        Object o = rs.getObject(i);
        if (o == null) return "\\N";
        if (o instanceof String) return escape((String) o);
        if (o instanceof Boolean) return ((Boolean) o) ? "t" : "f";
        if (o instanceof Integer || o instanceof Long || o instanceof Short) return o.toString();
        if (o instanceof Double) return o.toString();       // read back as the same double
        if (o instanceof BigDecimal) return ((BigDecimal) o).toPlainString();
        if (o instanceof java.sql.Date) return o.toString(); // yyyy-mm-dd
        if (o instanceof Timestamp) {
            // timestamptz: the instant, whatever the JVM's (and so the session's) time zone
            return rs.getObject(i, OffsetDateTime.class).toInstant().toString();
        }
        return null;
    }

    public static void main(String[] args) throws Exception {
        String socket = args[0], url = args[1], user = args[2], password = args[3];
        Path outdir = Paths.get(args[4]);
        if (url.contains("{relay}")) {
            if (socket.isEmpty()) throw new IllegalArgumentException("{relay} in the URL needs a socket");
            url = url.replace("{relay}", "127.0.0.1:" + relay(socket));
        }
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        int failures = 0;
        try (Connection c = DriverManager.getConnection(url, props);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                String[] w = line.split(" ", 3);
                switch (w[0]) {
                    case "dump": {
                        try (Statement s = c.createStatement();
                             ResultSet rs = s.executeQuery(w[2]);
                             Writer out = Files.newBufferedWriter(outdir.resolve(w[1] + ".jdbc"), StandardCharsets.UTF_8)) {
                            ResultSetMetaData md = rs.getMetaData();
                            int n = md.getColumnCount();
                            while (rs.next()) {
                                StringBuilder b = new StringBuilder();
                                for (int i = 1; i <= n; i++) {
                                    String v = value(rs, i);
                                    if (v == null) {
                                        System.out.println("dump " + w[1] + ": column " + md.getColumnName(i) + " ("
                                                + md.getColumnTypeName(i) + ") came back as "
                                                + rs.getObject(i).getClass().getName());
                                        failures++;
                                        v = "?";
                                    }
                                    if (i > 1) b.append('\t');
                                    b.append(v);
                                }
                                out.write(b.append('\n').toString());
                            }
                        } catch (SQLException e) {
                            System.out.println("dump " + w[1] + ": " + e.getSQLState() + " " + e.getMessage());
                            failures++;
                        }
                        break;
                    }
                    case "try": {
                        try (Statement s = c.createStatement()) {
                            s.execute(w[2]);
                            System.out.println(w[1] + " ok " + s.getUpdateCount());
                        } catch (SQLException e) {
                            System.out.println(w[1] + " " + e.getSQLState() + " " + e.getMessage().replace('\n', ' '));
                        }
                        break;
                    }
                    case "commit": c.commit(); break;
                    case "rollback": c.rollback(); break;
                    case "autocommit": c.setAutoCommit(w[1].equals("on")); break;
                    case "meta": {
                        DatabaseMetaData md = c.getMetaData();
                        List<String> views = new ArrayList<>();
                        try (ResultSet rs = md.getTables(null, w[1], "%", new String[] {"VIEW"})) {
                            while (rs.next()) {
                                String v = rs.getString("TABLE_NAME");
                                if (v.startsWith("_")) continue;
                                views.add(v);
                                String r = rs.getString("REMARKS");
                                System.out.println("viewmeta " + v + " " + (r == null ? 0 : r.length()));
                            }
                        }
                        for (String v : views) {
                            try (ResultSet rs = md.getColumns(null, w[1], v, "%")) {
                                while (rs.next()) {
                                    String r = rs.getString("REMARKS");
                                    System.out.println("meta " + v + " " + rs.getString("COLUMN_NAME") + " "
                                            + rs.getString("TYPE_NAME") + " " + rs.getInt("DATA_TYPE") + " "
                                            + (r == null ? 0 : r.length()));
                                }
                            }
                        }
                        break;
                    }
                    default:
                        throw new IllegalArgumentException("unknown command: " + line);
                }
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
