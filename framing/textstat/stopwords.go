package textstat

import "strings"

// stopWords are function words: counted like any word (they are part of
// every text's length) but never listed as distinctive. English and
// Russian, the languages of the shipped lexicons; folded forms.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but nor so yet if then than that this these those there here
		of in on at by for with from to into onto over under about above below after before since until
		during through between among against without within across along around up down out off near
		is are was were be been being am do does did done doing have has had having will would shall
		should can could may might must it its it's he him his she her hers they them their theirs we us
		our ours you your yours i me my mine who whom whose which what when where why how all any both
		each every few more most other some such no not only own same too very just also as s t one
		said says say told tell according mr mrs ms per via while whether again further once
		и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее её мне
		было вот от меня еще ещё нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был
		него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней
		для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того
		потому этого какой совсем ним здесь этом один почти мой тем чтобы нее неё сейчас были куда
		зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про
		всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том
		нельзя такой им более всегда конечно всю между это также заявил заявила сообщил сообщила`) {
		m[w] = true
	}
	return m
}()
