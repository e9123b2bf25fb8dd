// The article reader: clicking a fact outlines its highlights; curators with the update
// token accept or reject candidates (POST /article/<id>/review).
"use strict";
(function () {
  var config = JSON.parse(document.getElementById("reader-config").textContent);
  var marks = Array.prototype.slice.call(document.querySelectorAll("#article-text mark"));
  function marksOf(id) {
    return marks.filter(function (m) { return m.dataset.facts.split(" ").indexOf(id) >= 0; });
  }
  document.querySelectorAll("#fact-list a.show-fact").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var id = link.closest("li").dataset.fact;
      marks.forEach(function (m) { m.classList.remove("active"); });
      var own = marksOf(id);
      own.forEach(function (m) { m.classList.add("active"); });
      if (own.length) own[0].scrollIntoView({ block: "center" });
    });
  });
  var status = document.getElementById("curator-status");
  document.querySelectorAll("#fact-list button[data-decide]").forEach(function (button) {
    button.addEventListener("click", function () {
      var item = button.closest("li");
      var token = document.getElementById("curator-token").value;
      var body = {};
      body[button.dataset.decide] = [item.dataset.fact];
      fetch(config.review, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token },
        body: JSON.stringify(body)
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (answer) {
        if (!answer.ok) { status.textContent = answer.data.error; return; }
        var now = answer.data.statuses[item.dataset.fact];
        item.dataset.status = now;
        var badge = item.querySelector(".status");
        badge.textContent = now;
        badge.className = "status " + now;
        item.querySelectorAll("button[data-decide]").forEach(function (b) { b.remove(); });
        marksOf(item.dataset.fact).forEach(function (m) {
          if (m.dataset.facts.split(" ")[0] === item.dataset.fact) {
            m.dataset.status = now;
            m.className = "status-" + now;
          }
        });
        status.textContent = "Recorded: " + item.dataset.fact + " is " + now + ". " + answer.data.note + ".";
      });
    });
  });
})();
